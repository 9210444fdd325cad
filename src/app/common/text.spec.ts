import { fillTemplate } from './text';

describe('fillTemplate', () => {
    it('fills known placeholders and leaves others', () => {
        expect(fillTemplate('{a} and {b}', { a: '<x>' })).toBe('<x> and {b}');
    });

    it('fills only from the values\' own properties', () => {
        expect(fillTemplate('{constructor} {toString} {__proto__}', {})).toBe('{constructor} {toString} {__proto__}');
    });
});
