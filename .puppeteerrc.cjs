// Puppeteer (pulled in by pa11y) must not download its own browser: tests use Debian's Chromium.
module.exports = { skipDownload: true };
