/**
 * The schema library for everything that also runs in the browser (model, metrics, widgets): zod/mini, whose
 * functional API tree-shakes (full zod alone would be 25 KB gzip of the elements' 60 KB budget). Its English
 * messages are loaded here once, so a widget's attribute errors read the same as the CLI's.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

export { z };
