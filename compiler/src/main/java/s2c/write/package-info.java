/**
 * Writers and encoders shared by every target: canonical JSON and YAML (Jackson), shell words,
 * mustache text files, the manifest, the tree writer, and {@link s2c.write.ToolRunner}, the one way
 * a program is started.
 */
package s2c.write;
