/** What the element tests share: mounting an element in a host of a given width and reading its shadow DOM. */

/** The element's next revlens-load or revlens-error, heard on `target` (so it must bubble to there). */
export function settled(target: EventTarget): Promise<CustomEvent> {
  return new Promise((resolve) => {
    const done = (e: Event) => {
      target.removeEventListener('revlens-load', done);
      target.removeEventListener('revlens-error', done);
      resolve(e as CustomEvent);
    };
    target.addEventListener('revlens-load', done);
    target.addEventListener('revlens-error', done);
  });
}

/** Creates `tag` with `attrs` in a new host `width` px wide and waits for its first load or error. */
export async function mountIn<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string>,
  width: number,
): Promise<{ el: HTMLElementTagNameMap[K]; event: CustomEvent; host: HTMLDivElement }> {
  const host = document.createElement('div');
  host.style.width = `${width}px`;
  document.body.append(host);
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  const event = settled(host);
  host.append(el);
  const result = { el, event: await event, host };
  await (el as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
  return result;
}

export const root = (el: Element) => el.shadowRoot!;
export const text = (n: Element | null | undefined) => n?.textContent?.trim() ?? '';

/** Resolves when every element has fired revlens-load; rejects on the first revlens-error, naming the element. */
export function loaded(...els: Element[]): Promise<void> {
  return Promise.all(
    els.map(
      (el) =>
        new Promise<void>((resolve, reject) => {
          el.addEventListener('revlens-load', () => resolve(), { once: true });
          el.addEventListener('revlens-error', (e) => reject(new Error(`${el.localName}: ${(e as CustomEvent).detail.message}`)), { once: true });
        }),
    ),
  ).then(() => undefined);
}
