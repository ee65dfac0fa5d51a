// Elements that stick out sideways: beyond the viewport, beyond a box that clips them, or out of
// their parent. Content inside an explicit scroll container (overflow-x auto or scroll) may be
// wider than the screen on a phone: the reader scrolls that box. With ``scrolling`` false (a
// desktop width) such a box must not need scrolling either, since a column hidden behind a
// scroll bar nobody notices is cut all the same. Returns one line per offender.
(scrolling) => {
  const width = document.documentElement.clientWidth;
  const slack = 1;  // sub-pixel rounding
  const found = [];
  const name = (el) => {
    let text = el.tagName.toLowerCase();
    if (el.id) text += "#" + el.id;
    else if (el.classList.length) text += "." + [...el.classList].join(".");
    const parent = el.parentElement;
    return parent && parent !== document.body ? name(parent) + " > " + text : text;
  };
  const skipped = (el, style) =>
    style.display === "none" || style.visibility === "hidden" ||
    style.position === "absolute" || style.position === "fixed" ||
    el.closest(".visually-hidden, .leaflet-container, svg *, [hidden], .skip-link, script, " +
               "style, template, noscript, head");
  const scrolls = (style) => style.overflowX === "auto" || style.overflowX === "scroll";
  if (document.documentElement.scrollWidth > width + slack) {
    found.push("the page scrolls sideways: " + document.documentElement.scrollWidth + " px in a " +
               width + " px viewport");
  }
  if (!scrolling) {
    for (const box of document.body.querySelectorAll("*")) {
      const style = getComputedStyle(box);
      if (!scrolls(style) || skipped(box, style)) continue;
      if (box.scrollWidth > box.clientWidth + slack) {
        found.push("needs sideways scrolling: " + name(box) + " holds " + box.scrollWidth +
                   " px in " + box.clientWidth + " px");
      }
    }
  }
  for (const el of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    if (skipped(el, style)) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    // the nearest ancestor that scrolls or clips decides what sticking out means
    let clip = null;
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== "visible") { clip = up; break; }
    }
    if (clip && scrolls(getComputedStyle(clip))) continue;  // the reader scrolls that box
    const limit = clip ? clip.getBoundingClientRect() : {left: 0, right: width};
    if (box.right > limit.right + slack || box.left < limit.left - slack) {
      found.push((clip ? "cut by " + name(clip) + ": " : "off the screen: ") + name(el) +
                 " spans " + Math.round(box.left) + "–" + Math.round(box.right) + " px");
      continue;
    }
    const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (ownText && style.display !== "inline" && el.scrollWidth > el.clientWidth + slack &&
        style.overflowX === "visible" && el.clientWidth > 0) {
      found.push("text runs out of " + name(el) + ": " + el.scrollWidth + " px of text in " +
                 el.clientWidth + " px");
      continue;
    }
    let parent = el.parentElement;  // the nearest one with a box of its own
    while (parent && getComputedStyle(parent).display === "contents") parent = parent.parentElement;
    if (parent && parent !== document.body && style.display !== "inline" &&
        getComputedStyle(parent).display !== "inline") {
      const outer = parent.getBoundingClientRect();
      if (box.right > outer.right + slack || box.left < outer.left - slack) {
        found.push("out of its container: " + name(el) + " spans " + Math.round(box.left) +
                   "–" + Math.round(box.right) + " px, its container " +
                   Math.round(outer.left) + "–" + Math.round(outer.right) + " px");
      }
    }
  }
  return found;
}
