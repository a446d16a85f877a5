using System.Globalization;
using System.Net.Mail;
using Delivery.Workflows.Notifications.Templates;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.SubmitProject;

/// <summary>Reads typed values from <see cref="RequestFields"/>, recording a plain-English error for each bad one.</summary>
public sealed class FieldReader(RequestFields fields, FieldErrors errors, InputLimits limits, DateOnly today)
{
    public string Text(string path, string label, int maxLength)
    {
        var value = fields[path]?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(path, $"Enter {label}.");
            return string.Empty;
        }

        if (value.Length > maxLength)
        {
            errors.Add(path, $"{Capitalise(label)} must be {maxLength} characters or fewer.");
        }

        return value;
    }

    public string Email(string path, string label)
    {
        var value = Text(path, label, 254);
        if (value.Length > 0 && !IsEmail(value))
        {
            errors.Add(path, $"Enter {label} in the correct format, like name@example.gov.uk.");
        }

        return value;
    }

    public decimal Money(string path, string label)
    {
        var raw = fields[path]?.Trim().TrimStart('£').Replace(",", string.Empty, StringComparison.Ordinal);
        if (string.IsNullOrEmpty(raw))
        {
            errors.Add(path, $"Enter {label}.");
            return 0;
        }

        if (!decimal.TryParse(raw, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            errors.Add(path, $"{Capitalise(label)} must be an amount in pounds, like 12500 or 12500.50.");
            return 0;
        }

        if (amount.Scale > 2)
        {
            errors.Add(path, $"{Capitalise(label)} must have no more than 2 decimal places.");
        }
        else if (amount > limits.MaxAmount)
        {
            errors.Add(path, $"{Capitalise(label)} must be {UkFormat.Money(limits.MaxAmount)} or less.");
        }

        return amount;
    }

    public DateOnly? Date(string path, string label)
    {
        var raw = fields[path]?.Trim();
        if (string.IsNullOrEmpty(raw))
        {
            errors.Add(path, $"Enter {label}.");
            return null;
        }

        if (!DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(path, $"{Capitalise(label)} must be a real date, like 2027-03-31.");
            return null;
        }

        if (date > limits.LatestDate(today) || date < limits.EarliestDate(today))
        {
            errors.Add(path, $"{Capitalise(label)} must be from {limits.EarliestDate(today):yyyy-MM-dd} to {limits.LatestDate(today):yyyy-MM-dd}.");
            return null;
        }

        return date;
    }

    public int WholeNumber(string path, string label, int min, int max)
    {
        var raw = fields[path]?.Trim();
        if (string.IsNullOrEmpty(raw))
        {
            errors.Add(path, $"Enter {label}.");
            return 0;
        }

        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add(path, $"{Capitalise(label)} must be a whole number from {min} to {max}.");
            return 0;
        }

        return value;
    }

    public static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var address)
        && address.Address.Equals(value, StringComparison.OrdinalIgnoreCase)
        && address.Host.Contains('.', StringComparison.Ordinal);

    private static string Capitalise(string label) => char.ToUpperInvariant(label[0]) + label[1..];
}
