/**
 * The HTTP API ({@code serve}): the same compile, validate and publish as the command line, on
 * in-memory request bodies (no temporary input files), with bearer-token auth and bounded inputs.
 */
package s2c.server;
