import { AppContext, AuthorizationManager } from '@microsoft/windows-admin-center-sdk/core';

/** The SDK's node token type (not exported by name from core). */
type NodeToken = ReturnType<AuthorizationManager['getSavedNodeToken']>;

const clusterType = 'msft.sme.connection-type.cluster';

/**
 * Request options for PowerShell on a node. On a cluster connection, requests to its nodes carry the
 * cluster's saved node token, as the SDK's own cluster code does (ClusterInventoryCache:
 * authorizationManager.getSavedNodeToken(clusterName)); without it the gateway asks for credentials
 * per node. Elsewhere the SDK adds the node's own token.
 */
export function nodeRequestOptions(appContext: AppContext): { authToken?: NodeToken } {
    const connection = appContext.activeConnection.value;
    if (!connection || connection.type !== clusterType) {
        return {};
    }
    const token = appContext.authorizationManager.getSavedNodeToken(connection.name);
    return token ? { authToken: token } : {};
}
