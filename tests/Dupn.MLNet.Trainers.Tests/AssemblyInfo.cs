// libtorch's random generator is process-wide: initialisation and dropout of one test would
// consume another's random numbers if tests ran in parallel, and seeded runs would stop repeating.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
