// The demo page's one script: defines the RevLens elements and wires the language and theme choices
// (kept in the URL, like the board's filters). A real intranet page loads the built module instead.
import '../widgets/index.ts';

const board = document.querySelector('revlens-board')!;
const params = new URLSearchParams(location.search);

for (const name of ['locale', 'theme'] as const) {
  const select = document.getElementById(name) as HTMLSelectElement;
  const apply = (value: string) => {
    select.value = value;
    if (name === 'locale') document.documentElement.lang = value;
    if (name === 'theme') document.body.className = value;
    if (value === 'light') board.removeAttribute(name);
    else board.setAttribute(name, value);
  };
  apply(params.get(name) ?? select.value);
  select.addEventListener('change', () => {
    apply(select.value);
    const url = new URL(location.href);
    url.searchParams.set(name, select.value);
    history.replaceState(null, '', url);
  });
}
