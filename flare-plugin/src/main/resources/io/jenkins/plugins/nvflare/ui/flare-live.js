/*
 * Keeps a page's FLARE job sections current while the build runs, without a reload. One poller per page, however many
 * sections it shows: every few seconds it fetches each running section again (the job view's "live" view) and, when
 * a job reported a new round, has echarts-api draw its chart of metrics per round again from the view's model.
 * It stops once no section's build is running, and for good on any 4xx answer (the build was deleted, the user
 * logged out or lost the permission); other failures back off, up to a minute between tries.
 */
(function () {
    const REFRESH_MILLIS = 5000;
    const MAX_BACKOFF_MILLIS = 60000;

    function section(box) {
        const chartId = box.dataset.chartId;
        const chartBox = box.querySelector(".flare-rounds");
        const live = box.querySelector(".flare-job-live");
        let rounds = 0;

        function state() {
            return live.querySelector(".flare-job-state");
        }

        function draw(count) {
            const proxy = window[box.dataset.proxy];
            // echarts-api declares its API with const: a global binding, not a window property
            if (count === rounds || count === 0 || !proxy || typeof echartsJenkinsApi === "undefined") {
                return;
            }
            rounds = count;
            chartBox.style.display = "";
            const chartDiv = document.getElementById(chartId);
            if (typeof echarts !== "undefined" && echarts.getInstanceByDom(chartDiv)) {
                echarts.dispose(chartDiv);
            }
            echartsJenkinsApi.renderTrendChart(chartId, "false", proxy);
        }

        function building() {
            const now = state();
            return now !== null && now.dataset.building === "true";
        }

        /* Resolves with whether the section's build still runs; rejects with the HTTP status (or 0). */
        function refresh() {
            return fetch(box.dataset.liveUrl, {credentials: "same-origin", headers: {Accept: "text/html"}})
                .then(response => response.ok ? response.text() : Promise.reject(response.status))
                .then(html => {
                    live.innerHTML = html; // Jelly escaped every text FLARE sent
                    if (state() !== null) {
                        draw(Number(state().dataset.rounds));
                    }
                    return building();
                }, status => Promise.reject(typeof status === "number" ? status : 0));
        }

        if (state() !== null) {
            draw(Number(state().dataset.rounds));
        }
        return {building, refresh};
    }

    function poll(sections) {
        let delay = REFRESH_MILLIS;

        function cycle() {
            const running = sections.filter(s => s.building());
            if (running.length === 0) {
                return;
            }
            Promise.all(running.map(s => s.refresh()))
                .then(() => {
                    delay = REFRESH_MILLIS;
                    setTimeout(cycle, delay);
                })
                .catch(status => {
                    if (status >= 400 && status < 500) {
                        return; // nothing to show any more, or not to this user: stop for good
                    }
                    delay = Math.min(delay * 2, MAX_BACKOFF_MILLIS);
                    setTimeout(cycle, delay);
                });
        }

        setTimeout(cycle, delay);
    }

    document.addEventListener("DOMContentLoaded", () => {
        const sections = Array.from(document.querySelectorAll(".flare-job[data-live-url]")).map(section);
        if (sections.length > 0) {
            poll(sections);
        }
    });
})();
