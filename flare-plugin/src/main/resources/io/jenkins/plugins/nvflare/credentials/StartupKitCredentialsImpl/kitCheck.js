/*
 * The kit credential's form: a chosen zip is checked at once (DescriptorImpl.doCheckKit), and the verdict shown under
 * the field, so that a file that is no admin kit is refused while the form still holds what the user entered. The
 * credentials dialog inserts its form after this script may have run: elements are set up both through Behaviour and
 * by a scan when the script loads.
 */
(function () {
    function setUp(input) {
        if (input.dataset.nvflareKitCheck === "set") {
            return;
        }
        input.dataset.nvflareKitCheck = "set";
        input.addEventListener("change", function () {
            var area = input.parentNode.querySelector(".nvflare-kit-check");
            if (area === null) {
                return;
            }
            area.innerHTML = "";
            var file = input.files && input.files[0];
            if (!file) {
                return;
            }
            fetch(input.dataset.checkUrl, {
                method: "POST",
                headers: crumb.wrap({"Content-Type": "application/octet-stream"}),
                body: file,
            })
                .then(function (rsp) {
                    return rsp.ok ? rsp.text() : "";
                })
                .then(function (html) {
                    // FormValidation's HTML: the server escaped every text in it.
                    area.innerHTML = html;
                })
                .catch(function () {
                    area.innerHTML = "";
                });
        });
    }

    Behaviour.specify("INPUT.nvflare-kit-upload", "nvflare-kit-upload", 0, setUp);
    document.querySelectorAll("INPUT.nvflare-kit-upload").forEach(setUp);
})();
