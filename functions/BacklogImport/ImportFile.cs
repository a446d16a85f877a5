using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using CsvHelper;

namespace Delivery.Functions.BacklogImport;

/// <summary>
/// An uploaded CSV export kept in a temporary file (deleted when disposed), so it can be read twice — once to check
/// every row, once to store them — a row at a time, without holding the file in memory.
/// </summary>
public sealed class ImportFile : IAsyncDisposable
{
    /// <summary>The largest export accepted (about 100,000 rows of a typical Jira export).</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    // The header is read as a record like any other (row 1), so rows are numbered as a spreadsheet shows them;
    // malformed quoting is an error to report, never silently "recovered" into wrong values.
    private static readonly CsvReaderOptions Csv = new()
    {
        Separator = ',',
        HasHeader = false,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        FormatProvider = CultureInfo.InvariantCulture,

        // An unclosed quote would otherwise make the rest of the file one record held in memory.
        MaxRecordSize = 1024 * 1024,
    };

    private readonly FileStream _file;

    private ImportFile(FileStream file, string sha256)
    {
        _file = file;
        Sha256 = sha256;
    }

    /// <summary>The file's SHA-256 (hex): the same file imported again is recognised by it.</summary>
    public string Sha256 { get; }

    public long Length => _file.Length;

    /// <summary>Copies the request body to a temporary file; null when it is larger than <see cref="MaxBytes"/>.</summary>
    public static async Task<ImportFile?> SpoolAsync(Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (file.Length + read > MaxBytes)
            {
                await file.DisposeAsync();
                return null;
            }

            hash.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return new ImportFile(file, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>
    /// The file's records from the start: the header row first (row 1), then each data row with its number as a
    /// spreadsheet shows it. A record that is not valid CSV ends the rows with an <see cref="ImportCsvException"/>.
    /// </summary>
    public async IAsyncEnumerable<(int Row, string[] Fields)> RecordsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _file.Position = 0;
        await using var reader = CsvReader.Create(_file, Csv, leaveOpen: true);
        var row = 0;
        while (true)
        {
            string[]? fields;
            try
            {
                fields = await reader.ReadAsync(cancellationToken) ? Fields(reader) : null;
            }
            catch (Exception ex) when (ex is CsvFormatException or CsvValidationException)
            {
                throw new ImportCsvException(row + 1);
            }

            if (fields is null)
            {
                yield break;
            }

            yield return (++row, fields);
        }
    }

    private static string[] Fields(CsvReader reader)
    {
        var fields = new string[reader.FieldCount];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = reader.GetString(i);
        }

        return fields;
    }

    /// <summary>Copies the whole file to <paramref name="destination"/> (to keep it between the import page's steps).</summary>
    public async Task CopyToAsync(Stream destination, CancellationToken cancellationToken)
    {
        _file.Position = 0;
        await _file.CopyToAsync(destination, cancellationToken);
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}

/// <summary>The file stops being valid CSV at a row (an unclosed quote, say); the rows after it cannot be read.</summary>
public sealed class ImportCsvException(int row) : Exception($"The file is not valid CSV from row {row}.")
{
    public int Row { get; } = row;
}
