// The filters of the report: each checkbox shows or hides the marks (and the
// findings beside them) of one status or one kind.
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll("#filters input[type=checkbox]"));
  function update() {
    var off = {};
    boxes.forEach(function (box) {
      if (!box.checked) { off[box.getAttribute("data-filter") + ":" + box.value] = true; }
    });
    document.querySelectorAll("[data-applied][data-kind]").forEach(function (item) {
      var status = item.getAttribute("data-applied") === "true" ? "applied" : "suggested";
      item.hidden = Boolean(off["status:" + status] || off["kind:" + item.getAttribute("data-kind")]);
      // A hidden mark's words stay readable: its unmarked twin shows instead.
      var twin = item.nextElementSibling;
      if (item.tagName === "MARK" && twin && twin.classList.contains("bare")) { twin.hidden = !item.hidden; }
    });
  }
  boxes.forEach(function (box) { box.addEventListener("change", update); });
  update();

  // A focused mark shows its finding in the list beside the text...
  document.addEventListener("focusin", function (event) {
    var mark = event.target;
    if (mark.tagName !== "MARK") { return; }
    document.querySelectorAll(".findings > li.current").forEach(function (item) { item.classList.remove("current"); });
    var finding = document.getElementById(mark.getAttribute("aria-describedby"));
    if (finding) {
      finding.classList.add("current");
      finding.scrollIntoView({block: "nearest"});
    }
  });
  // ...and a finding's position takes the focus to its mark.
  document.querySelectorAll(".findings a[href^='#m-']").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var mark = document.getElementById(link.getAttribute("href").slice(1));
      if (mark && !mark.hidden) {
        event.preventDefault();
        mark.focus();
      }
    });
  });
})();
