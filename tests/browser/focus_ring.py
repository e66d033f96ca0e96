"""A script for page.evaluate: the focus ring of the focused element (test_accessibility, test_practice)."""

# The focus ring of the focused element (or of the label that shows a hidden radio button's focus):
# its width, and its contrast with what it is drawn on. null when nothing visible has focus.
FOCUS_RING = """() => {
  const parse = (c) => c.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const visible = (e) => {
    const box = e.getBoundingClientRect();
    return box.width > 1 && box.height > 1 && e.checkVisibility({ visibilityProperty: true });
  };
  let element = document.activeElement;
  if (!element || element === document.body) return null;
  if (!visible(element) && element.nextElementSibling?.tagName === "LABEL") element = element.nextElementSibling;
  if (!visible(element)) return null;
  const style = getComputedStyle(element);
  // What the ring is drawn on: the first opaque element under a point just outside the box.
  const box = element.getBoundingClientRect();
  const x = box.left >= 4 ? box.left - 3 : box.right + 3;
  const under = document.elementsFromPoint(x, box.top + box.height / 2);
  let background = [255, 255, 255];
  for (const node of under.filter((e) => e !== element && !element.contains(e))) {
    const c = parse(getComputedStyle(node).backgroundColor);
    if (c.length < 4 || c[3] > 0.5) { background = c.slice(0, 3); break; }
  }
  const [a, b] = [luminance(parse(style.outlineColor)), luminance(background)].sort((x, y) => y - x);
  return {
    element: element.tagName + "." + [...element.classList].join("."),
    outline: style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth),
    contrast: Math.round(((a + 0.05) / (b + 0.05)) * 100) / 100,
  };
}"""
