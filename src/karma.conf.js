// Karma runs the unit tests in Debian's Chromium, headless; no browser is downloaded.
// CHROME_BIN may point elsewhere; the default is the Debian package's binary.
process.env.CHROME_BIN = process.env.CHROME_BIN || '/usr/bin/chromium';

module.exports = function (config) {
    config.set({
        basePath: '',
        frameworks: ['jasmine', '@angular-devkit/build-angular'],
        plugins: [
            require('karma-jasmine'),
            require('karma-chrome-launcher'),
            require('@angular-devkit/build-angular/plugins/karma')
        ],
        client: {
            jasmine: { random: true }
        },
        reporters: ['dots'],
        port: 9876,
        colors: !process.env.CI,
        logLevel: config.LOG_INFO,
        autoWatch: false,
        singleRun: true,
        browsers: ['ChromiumHeadlessCI'],
        browserNoActivityTimeout: 120000,
        customLaunchers: {
            ChromiumHeadlessCI: {
                base: 'ChromeHeadless',
                flags: [
                    '--no-sandbox',
                    '--disable-gpu',
                    '--disable-dev-shm-usage',
                    '--disable-background-networking',
                    '--disable-component-update',
                    '--disable-sync',
                    '--no-first-run'
                ]
            }
        }
    });
};
