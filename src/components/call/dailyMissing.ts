/**
 * Stands in for `@daily-co/daily-js` while it is not installed (next.config aliases the package
 * here): loadDaily() then throws DailyUnavailable and the Daily call page says the video service is
 * unavailable, instead of the build failing. Install "@daily-co/daily-js": "0.87.0" to use Daily.
 */
const DailyMissing = { missing: true }

export default DailyMissing
