using System.Runtime.CompilerServices;
using Azure;

namespace Delivery.Durable;

/// <summary>An <see cref="AsyncPageable{T}"/> that fetches each page on demand with a continuation token.</summary>
internal sealed class FuncAsyncPageable<T>(Func<string?, int?, CancellationToken, Task<Page<T>>> fetch) : AsyncPageable<T>
    where T : notnull
{
    public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        await foreach (var page in Enumerate(continuationToken, pageSizeHint, CancellationToken))
        {
            yield return page;
        }
    }

    private async IAsyncEnumerable<Page<T>> Enumerate(string? token, int? pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        do
        {
            var page = await fetch(token, pageSize, cancellationToken);
            yield return page;
            token = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(token));
    }
}
