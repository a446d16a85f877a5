using System.ComponentModel.DataAnnotations;

namespace Delivery.Functions.App.Settings;

/// <summary>
/// Binds a settings section to a typed class and validates it, naming each problem by its setting name in the
/// Functions shape (<c>Section__Name</c>) so the person fixing it knows exactly what to change.
/// </summary>
public static class SettingsBinder
{
    public static T Bind<T>(IConfiguration configuration, string section, ICollection<string> problems)
        where T : class, new()
    {
        var settings = new T();
        try
        {
            configuration.GetSection(section).Bind(settings);
        }
        catch (InvalidOperationException ex)
        {
            problems.Add($"{SettingName(section, ex.Message)} is malformed: {ex.InnerException?.Message ?? ex.Message}");
            return settings;
        }

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var members = result.MemberNames.Any() ? result.MemberNames : [string.Empty];
            foreach (var member in members)
            {
                problems.Add($"{section}__{member}: {result.ErrorMessage}");
            }
        }

        return settings;
    }

    /// <summary>Turns the binder's "…value 'x' at 'Email:SmtpPort'…" into the setting name people type: Email__SmtpPort.</summary>
    private static string SettingName(string section, string binderMessage)
    {
        var at = binderMessage.IndexOf(" at '", StringComparison.Ordinal);
        var start = at < 0 ? -1 : at + 4;
        var end = start < 0 ? -1 : binderMessage.IndexOf('\'', start + 1);
        return end > start ? binderMessage[(start + 1)..end].Replace(":", "__", StringComparison.Ordinal) : section;
    }
}
