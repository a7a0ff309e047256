/**
 * Monthly cost estimates: price books shipped as data ({@code s2c/pricing/*.json}, each price with
 * its source, date and confidence), the lines a target prices from its own plan, and the estimate
 * every render carries.
 */
package s2c.cost;
