/*
 * Keeps a build page's FLARE job summary current while the build runs, without a reload: every few seconds it
 * fetches the summary again (the action's "live" view) and, when the job reported a new round, has echarts-api
 * draw the chart of metrics per round again from the action's model. It stops once the build has ended.
 */
(function () {
    const REFRESH_MILLIS = 5000;
    const RETRY_MILLIS = 15000;

    function follow(box) {
        const chartId = box.dataset.chartId;
        const chartBox = box.querySelector(".flare-rounds");
        const live = box.querySelector(".flare-job-live");
        let rounds = 0;

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

        function state() {
            return live.querySelector(".flare-job-state");
        }

        function refresh() {
            fetch(box.dataset.liveUrl, {credentials: "same-origin", headers: {Accept: "text/html"}})
                .then(response => response.ok ? response.text() : Promise.reject(response.status))
                .then(html => {
                    live.innerHTML = html;
                    const now = state();
                    draw(Number(now.dataset.rounds));
                    if (now.dataset.building === "true") {
                        setTimeout(refresh, REFRESH_MILLIS);
                    }
                })
                .catch(() => setTimeout(refresh, RETRY_MILLIS));
        }

        draw(Number(state().dataset.rounds));
        if (state().dataset.building === "true") {
            setTimeout(refresh, REFRESH_MILLIS);
        }
    }

    document.addEventListener("DOMContentLoaded", () => {
        document.querySelectorAll(".flare-job[data-live-url]").forEach(follow);
    });
})();
