// TorchSharp keeps one global random generator (manual_seed, randn, dropout): tests that seed it and expect
// repeatable numbers must not interleave with other tests drawing from it, so this assembly runs serially.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
