using Delivery.Durable.Benchmarks;

var prefix = $"bench-{Guid.NewGuid().ToString("N")[..8]}";
var raw = new RawRates(LocalServices.CreateCosmosClient(), LocalServices.Queues(), prefix);
await raw.MeasureAsync();
raw.Print();
