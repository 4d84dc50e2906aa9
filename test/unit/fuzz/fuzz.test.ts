/**
 * The property-based tests of test/fuzz, with the unit run's small budget (a few
 * thousand cases in all, with the fixed seed) so every change is fuzzed a little.
 * `npm run fuzz` runs the same properties with the large budget.
 */
import '../../fuzz/manifests.fuzz';
import '../../fuzz/stability.fuzz';
import '../../fuzz/huge.fuzz';
import '../../fuzz/licenses.fuzz';
import '../../fuzz/policy.fuzz';
import '../../fuzz/toml.fuzz';
