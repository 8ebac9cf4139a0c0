// Awaitscope in a documentation page: load this module once, then write
//
//   <awaitscope-example example="workers"></awaitscope-example>
//
// or put the program inside the element:
//
//   <awaitscope-example><script type="text/x-python">
//   import asyncio
//   ...
//   </script></awaitscope-example>
//
// Each element shows the chart of its program (run on the virtual clock) and a Run
// button that plays it in real time. Any number of elements per page.
//
//   <script type="module" src="https://example.org/awaitscope/embed.js"></script>

const base = new URL('.', import.meta.url);

function addStylesheet(name) {
  const href = new URL(name, base).href;
  if (document.querySelector(`link[rel="stylesheet"][href="${href}"]`)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.append(link);
}

// Every rule in these sheets is scoped under .awaitscope: the host page keeps its look.
addStylesheet('style.css');
addStylesheet('chart.css');

const app = import(new URL('awaitscope-web.js', base).href).then(async (glue) => {
  await glue.default({ module_or_path: new URL('awaitscope-web_bg.wasm', base) });
  return glue;
});

class AwaitscopeExample extends HTMLElement {
  async connectedCallback() {
    if (this.mounted) return;
    this.mounted = true;
    const script = this.querySelector('script[type="text/x-python"], template');
    const source = script
      ? (script.content ? script.content.textContent : script.textContent)
      : this.textContent;
    const example = this.getAttribute('example') || '';
    // Until the wasm has loaded (or if it cannot), the element says so.
    const note = document.createElement('p');
    note.className = 'awaitscope-loading';
    note.setAttribute('role', 'status');
    note.style.cssText = 'margin:0;padding:0.75rem 0;opacity:0.7;font-style:italic';
    note.textContent = 'Loading Awaitscope…';
    this.replaceChildren(note);
    let glue;
    try {
      glue = await app;
    } catch (error) {
      note.textContent = `Awaitscope could not load (${error?.message || error}).`;
      return;
    }
    note.remove();
    glue.mount_example(this, example, dedent(source || ''), new URL('index.html', base).href);
  }
}

// Programs written inside an indented HTML element lose the common indentation.
function dedent(text) {
  const lines = text.replace(/^\s*\n/, '').replace(/\s+$/, '').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => l.match(/^ */)[0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n') + '\n';
}

if (!customElements.get('awaitscope-example')) {
  customElements.define('awaitscope-example', AwaitscopeExample);
}
