using BenchmarkDotNet.Running;

// bench/run-micro.sh runs every benchmark with a short job and puts the summary in docs/performance.md.
BenchmarkSwitcher.FromAssembly(typeof(Parley.Benchmarks.ProtocolSerializationBenchmarks).Assembly).Run(args);
