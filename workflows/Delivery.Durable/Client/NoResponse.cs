using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace Delivery.Durable;

/// <summary>The raw response of a page that did not come from one HTTP call (Azure.Core requires one).</summary>
internal sealed class NoResponse : Response
{
    public static NoResponse Instance { get; } = new();

    public override int Status => 200;

    public override string ReasonPhrase => "OK";

    public override Stream? ContentStream { get; set; }

    public override string ClientRequestId { get; set; } = string.Empty;

    public override void Dispose()
    {
    }

    protected override bool ContainsHeader(string name) => false;

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = null;
        return false;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = null;
        return false;
    }
}
