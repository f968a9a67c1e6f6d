"""Accessibility repairs of Gradio's markup, run in the browser on page load (main page and widget).

Gradio 6 draws a radio group as a ``<fieldset>`` whose label is a ``<span>`` (screen readers announce an unnamed
group), and points a closed dropdown's ``aria-controls`` at a list that does not exist yet. The script names each
group after its visible label and sets ``aria-controls`` only while the list is there, and keeps doing so as parts
of the page re-render.
"""

A11Y_JS = """() => {
  let busy = false;
  const repair = () => {
    if (busy) return;
    busy = true;
    document.querySelectorAll('fieldset').forEach((fs) => {
      const label = fs.querySelector('[data-testid="block-info"]');
      const name = label ? label.textContent.trim() : '';
      if (name && fs.getAttribute('aria-label') !== name) fs.setAttribute('aria-label', name);
    });
    document.querySelectorAll('[aria-controls], [data-ea-controls]').forEach((el) => {
      const id = el.getAttribute('aria-controls') || el.getAttribute('data-ea-controls');
      el.setAttribute('data-ea-controls', id);
      if (document.getElementById(id)) {
        if (el.getAttribute('aria-controls') !== id) el.setAttribute('aria-controls', id);
      } else if (el.hasAttribute('aria-controls')) {
        el.removeAttribute('aria-controls');
      }
    });
    busy = false;
  };
  repair();
  new MutationObserver(repair).observe(document.body, {childList: true, subtree: true, attributes: true,
                                                       attributeFilter: ['aria-controls']});
}"""
