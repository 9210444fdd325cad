/** Zone.js is required by Angular; the SDK adds its own polyfills after it. */
import 'zone.js/dist/zone';
import '@microsoft/windows-admin-center-sdk/core/polyfills';
