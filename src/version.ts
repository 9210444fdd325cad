/** The manifest name; must equal `name` in the top-level manifest.json. */
export const manifestName = 'hvtools.replica-failover-ip';

export class RuntimeVersion {
    public static version = '0.1.0';
}
