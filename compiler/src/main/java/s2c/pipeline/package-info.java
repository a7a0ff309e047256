/**
 * The pure compile: load, overlay, validate against the schemas (the values schema assembled from
 * the targets), build the model, render through the chosen target, write the manifest and validate
 * the output under a {@link s2c.spi.Checks} policy. No file system is needed.
 */
package s2c.pipeline;
