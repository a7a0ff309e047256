/**
 * Reading inputs: bundle manifests, service.json, CloudManifests, values layers and {@code --set}
 * into documents that know the line and column of every node, and the values overlay.
 */
package s2c.load;
