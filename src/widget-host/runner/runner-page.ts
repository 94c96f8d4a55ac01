/** Where the runner page is, in the extension and in the web client alike (see runner.ts). */
export const RUNNER_PAGE = 'src/widget-host/runner/runner.html';
