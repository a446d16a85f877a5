using System.IO.Compression;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Delivery.Workflows.Storage;

namespace Delivery.Functions.App.DataProtection;

/// <summary>A file in Blob Storage that mentions a person; <c>Rewritable</c> is false for one this product cannot rewrite.</summary>
public sealed record PersonalDataFile(string Container, string Name, bool Rewritable);

/// <summary>
/// Searches and rewrites the files in Blob Storage: text files (HTML reports, JSON business cases, CSV) as text, Word
/// and Excel documents part by part (they are zip files of XML), and anything else (an uploaded PDF or image) only
/// searched for the person's address, since it cannot be rewritten safely: such a file is reported for a person to review.
/// </summary>
public sealed class PersonalDataFiles(BlobServiceClient blobs)
{
    private static readonly string[] TextFiles = [".html", ".htm", ".json", ".csv", ".txt", ".xml", ".md"];
    private static readonly string[] OfficeFiles = [".docx", ".xlsx", ".pptx"];

    /// <summary>Every file under the prefixes (each project's files are under its id) that mentions the people.</summary>
    public async Task<IReadOnlyList<PersonalDataFile>> FindAsync(PeopleMatcher people, IEnumerable<string> prefixes, CancellationToken cancellationToken)
    {
        var found = new List<PersonalDataFile>();
        await foreach (var (container, blob) in BlobsAsync(prefixes, cancellationToken))
        {
            var content = (await container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
            var (mentioned, _, rewritable) = Rewrite(blob.Name, content, people);
            if (mentioned)
            {
                found.Add(new PersonalDataFile(container.Name, blob.Name, rewritable));
            }
        }

        return found;
    }

    /// <summary>Rewrites every file that mentions the people (each only if unchanged since it was read; else read again).</summary>
    /// <returns>The files rewritten, and those that mention them but could not be rewritten.</returns>
    public async Task<(int Rewritten, IReadOnlyList<string> ToReview)> AnonymiseAsync(PeopleMatcher people, IEnumerable<string> prefixes, CancellationToken cancellationToken)
    {
        var rewritten = 0;
        var toReview = new List<string>();
        await foreach (var (container, blob) in BlobsAsync(prefixes, cancellationToken))
        {
            var client = container.GetBlobClient(blob.Name);
            for (var attempt = 1; attempt <= 5; attempt++)
            {
                var download = (await client.DownloadContentAsync(cancellationToken)).Value;
                var (mentioned, replaced, rewritable) = Rewrite(blob.Name, download.Content.ToArray(), people);
                if (!mentioned)
                {
                    break;
                }

                if (!rewritable || replaced is null)
                {
                    toReview.Add($"{container.Name}/{blob.Name}");
                    break;
                }

                try
                {
                    await client.UploadAsync(new BinaryData(replaced), new BlobUploadOptions
                    {
                        HttpHeaders = new BlobHttpHeaders { ContentType = download.Details.ContentType },
                        Conditions = new BlobRequestConditions { IfMatch = download.Details.ETag },
                    }, cancellationToken);
                    rewritten++;
                    break;
                }
                catch (RequestFailedException ex) when (ex.Status == 412)
                {
                    // Written meanwhile: read it again.
                }
            }
        }

        return (rewritten, toReview);
    }

    /// <summary>Deletes every file under the prefix (a person's own unsent request's files).</summary>
    public async Task<int> DeleteAsync(string prefix, CancellationToken cancellationToken)
    {
        var deleted = 0;
        await foreach (var (container, blob) in BlobsAsync([prefix], cancellationToken))
        {
            deleted += await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken) ? 1 : 0;
        }

        return deleted;
    }

    private async IAsyncEnumerable<(BlobContainerClient Container, BlobItem Blob)> BlobsAsync(IEnumerable<string> prefixes, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var under = prefixes.ToList();
        foreach (var name in BlobContainers.All)
        {
            var container = blobs.GetBlobContainerClient(name);
            if (!await container.ExistsAsync(cancellationToken))
            {
                continue;
            }

            foreach (var prefix in under)
            {
                await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
                {
                    yield return (container, blob);
                }
            }
        }
    }

    /// <returns>Whether the file mentions the people, its rewritten content (null when unchanged or not rewritable), and whether it can be rewritten.</returns>
    internal static (bool Mentioned, byte[]? Replaced, bool Rewritable) Rewrite(string name, byte[] content, PeopleMatcher people)
    {
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (TextFiles.Contains(extension))
        {
            var text = Encoding.UTF8.GetString(content);
            if (!people.Mentioned(text))
            {
                return (false, null, true);
            }

            var replaced = people.Replace(text);
            return (true, replaced == text ? null : Encoding.UTF8.GetBytes(replaced), true);
        }

        if (OfficeFiles.Contains(extension))
        {
            return RewriteParts(content, people);
        }

        // Anything else is only searched, for each address as UTF-8 and as UTF-16 text, in any case (addresses are
        // kept in lower case; ASCII letters are lowered in a copy of the file, which is only searched).
        var lowered = content.Select(b => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b).ToArray();
        var mentioned = people.People.Any(p => Contains(lowered, Encoding.UTF8.GetBytes(p.Email)) || Contains(lowered, Encoding.Unicode.GetBytes(p.Email)));
        return (mentioned, null, false);
    }

    private static (bool, byte[]?, bool) RewriteParts(byte[] content, PeopleMatcher people)
    {
        using var stream = new MemoryStream();
        stream.Write(content);
        var mentioned = false;
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                string xml;
                using (var reader = new StreamReader(entry.Open(), Encoding.UTF8))
                {
                    xml = reader.ReadToEnd();
                }

                if (!people.Mentioned(xml))
                {
                    continue;
                }

                mentioned = true;
                var replaced = people.Replace(xml);
                using var writer = entry.Open();
                writer.SetLength(0);
                var bytes = new UTF8Encoding(false).GetBytes(replaced);
                writer.Write(bytes);
            }
        }

        return (mentioned, mentioned ? stream.ToArray() : null, true);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
