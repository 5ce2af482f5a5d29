// The demo page's one script: defines the RevLens elements. A real intranet page loads the built module.
import '../widgets/index.ts';
