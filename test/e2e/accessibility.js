'use strict';
/**
 * What the accessibility tests measure in the tool's frame: axe-core (WCAG 2.1 A and AA rules), the
 * contrast of text and verdict marks against what is drawn behind them (WCAG's relative luminance), and
 * the SDK's violations the project cannot patch, read from docs/accessibility.md (the test allows exactly
 * that list).
 */
const fs = require('fs');
const path = require('path');
const { root } = require('./environment');

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The tool's frame (the module's document inside the emulated shell). */
function toolFrame(page) {
    const frame = page.frames().find(f => f.url().includes('/module/'));
    if (!frame) {
        throw new Error('The tool\'s frame is not in the page.');
    }
    return frame;
}

/**
 * axe-core over a document (a frame or the shell's page), limited to `include` (a CSS selector, default the
 * whole document). Resolves with the violations, one entry per element: { rule, target, html, summary, controls }
 * where controls lists the SDK controls (sme-* elements) the element sits in.
 */
async function axeViolations(frame, include) {
    if (!(await frame.evaluate(() => Boolean(window.axe)))) {
        await frame.addScriptTag({ content: axeSource });
    }
    return frame.evaluate(async ({ include, tags }) => {
        const result = await window.axe.run(include ? { include: [[include]] } : document,
            { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'], iframes: false });
        const entries = [];
        for (const violation of result.violations) {
            for (const node of violation.nodes) {
                const element = document.querySelector(node.target[node.target.length - 1]);
                const controls = [];
                for (let e = element; e; e = e.parentElement) {
                    if (/^sme-/i.test(e.tagName)) {
                        controls.push(e.tagName.toLowerCase());
                    }
                }
                entries.push({ rule: violation.id, target: node.target.join(' '), html: node.html.slice(0, 200), summary: node.failureSummary, controls });
            }
        }
        return entries;
    }, { include, tags: wcagTags });
}

/**
 * The SDK violations the project cannot fix by a patch, as docs/accessibility.md lists them: the rows of its
 * table whose first two cells are a backticked SDK control and a backticked axe rule.
 */
function documentedSdkViolations() {
    const text = fs.readFileSync(path.join(root, 'docs/accessibility.md'), 'utf8');
    return text.split('\n')
        .map(line => line.match(/^\|\s*`(sme-[a-z-]+)`\s*\|\s*`([a-z0-9-]+)`\s*\|/))
        .filter(Boolean)
        .map(([, control, rule]) => ({ control, rule }));
}

/** The violations not on the documented list: an allowed one is that rule on an element inside that SDK control. */
function undocumented(violations, allowed = documentedSdkViolations()) {
    return violations.filter(v => !allowed.some(a => a.rule === v.rule && v.controls.includes(a.control)));
}

/**
 * Contrast of every visible text and every verdict mark inside `scope` (a CSS selector) in the frame:
 * [{ kind: 'text' | 'large-text' | 'mark', text, colour, background, ratio }]. The background is every
 * ancestor's background colour composed from the page down (the tool draws no text over images); a mark's
 * colour is its fill, or its border for a hollow one. Disabled controls are left out (WCAG 1.4.3 exempts them).
 */
function contrasts(frame, scope) {
    return frame.evaluate(selector => {
        const parse = value => {
            const m = /rgba?\(([^)]+)\)/.exec(value || '');
            if (!m) {
                return null;
            }
            const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
            return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
        };
        const over = (top, bottom) => ({
            r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a), b: top.b * top.a + bottom.b * (1 - top.a), a: 1
        });
        const backgroundOf = element => {
            const chain = [];
            for (let e = element; e; e = e.parentElement) {
                chain.unshift(e);
            }
            let background = { r: 255, g: 255, b: 255, a: 1 };
            for (const e of chain) {
                const colour = parse(getComputedStyle(e).backgroundColor);
                if (colour && colour.a > 0) {
                    background = over(colour, background);
                }
            }
            return background;
        };
        const luminance = c => {
            const [r, g, b] = [c.r, c.g, c.b].map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const ratio = (a, b) => {
            const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
            return (x + 0.05) / (y + 0.05);
        };
        const css = c => `rgb(${Math.round(c.r)}, ${Math.round(c.g)}, ${Math.round(c.b)})`;
        const shown = element => {
            const rect = element.getBoundingClientRect();
            return rect.width > 2 && rect.height > 2 && element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
        };
        const results = [];
        const root = document.querySelector(selector);
        if (!root) {
            throw new Error(`Nothing matches ${selector}.`);
        }
        const textElements = new Set();
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node.textContent.trim() && node.parentElement) {
                textElements.add(node.parentElement);
            }
        }
        root.querySelectorAll('input:not([type=checkbox]):not([type=radio]), textarea').forEach(e => textElements.add(e));
        for (const element of textElements) {
            if (!shown(element) || element.closest(':disabled, [aria-disabled="true"], .sme-disabled, .sme-screen-reader, script, style')) {
                continue;
            }
            const style = getComputedStyle(element);
            const background = backgroundOf(element);
            const colour = over(parse(style.color), background);
            const size = parseFloat(style.fontSize);
            const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
            const text = String(element.matches('input, textarea') ? element.value : element.textContent).trim().slice(0, 60);
            if (!text) {
                continue;
            }
            results.push({ kind: large ? 'large-text' : 'text', text, colour: css(colour), background: css(background), ratio: ratio(colour, background) });
        }
        for (const mark of root.querySelectorAll('.verdict-badge')) {
            if (!shown(mark)) {
                continue;
            }
            const style = getComputedStyle(mark);
            const background = backgroundOf(mark.parentElement);
            const fill = parse(style.backgroundColor);
            const drawn = fill && fill.a > 0 ? fill : parse(style.borderTopColor);
            const colour = over(drawn, background);
            results.push({ kind: 'mark', text: mark.getAttribute('data-verdict'), colour: css(colour), background: css(background), ratio: ratio(colour, background) });
        }
        return results;
    }, scope);
}

/** WCAG 2.1 AA: 4.5:1 for text, 3:1 for large text and for graphical objects (the verdict marks). */
function belowMinimum(samples) {
    return samples.filter(s => s.ratio < (s.kind === 'text' ? 4.5 : 3));
}

module.exports = { axeViolations, belowMinimum, contrasts, documentedSdkViolations, toolFrame, undocumented };
