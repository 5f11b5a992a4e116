// The public monitor's small enhancement; the form works, and refuses the same, without it.
// An answer that rules out the others ("Nothing in particular") clears them when it is chosen,
// and is cleared when one of them is: the checkbox group then never holds a contradiction.
document.addEventListener("change", (event) => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || box.type !== "checkbox" || !box.checked) {
    return;
  }
  const exclusive = (box.dataset.exclusive || "").split(" ").filter(Boolean);
  if (!exclusive.length) {
    return;
  }
  const group = document.querySelectorAll(`input[type="checkbox"][name="${CSS.escape(box.name)}"]`);
  const alone = exclusive.includes(box.value);
  for (const other of group) {
    if (other !== box && other.checked && (alone || exclusive.includes(other.value))) {
      other.checked = false;
    }
  }
});
