/**
 * The command line: picocli commands that read arguments, call the compiler, the publisher and the
 * checks, and print diagnostics; exit codes 0 ok, 1 diagnostics, 2 usage, 3 publish or repository
 * failure. Commands stay thin: decisions live in the compiler and the targets.
 */
package s2c.cli;
