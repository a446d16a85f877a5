using Delivery.Functions.App.Pages;

namespace Delivery.Functions.RaidPage;

/// <summary>
/// The API's messages are written for JSON callers ("Enter the ownerId: a person's id in the directory"); the form
/// says the same rule in the words of its own labels. A message the page has no better words for is shown as it is.
/// </summary>
public static class RiskFormWords
{
    public static string For(string field, string apiMessage)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(apiMessage);
        if (apiMessage.EndsWith(FormDates.NotARealDate(string.Empty)[1..], StringComparison.Ordinal))
        {
            // The form's own words already, for a date it could not read.
            return apiMessage;
        }

        var missing = apiMessage.StartsWith("Enter the", StringComparison.Ordinal) || apiMessage.StartsWith("Choose the", StringComparison.Ordinal);
        if (field.StartsWith("actions-", StringComparison.Ordinal))
        {
            var parts = field.Split('-');
            var n = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 1;
            var limit = apiMessage.IndexOf(" must be", StringComparison.Ordinal);
            return parts[2] switch
            {
                "description" when missing => $"Enter what is to be done for action {n}.",
                "description" when limit >= 0 => $"What is to be done for action {n}{apiMessage[limit..]}",
                "actioneeId" => $"Choose who will carry out action {n}.",
                "due" => FormDates.Words($"The date action {n} is due", apiMessage),
                _ => apiMessage,
            };
        }

        return field switch
        {
            "title" when missing => "Enter a title for the risk.",
            "ownerId" => "Choose who owns the risk.",
            "cause" when missing => "Enter the cause: what could lead to the risk.",
            "event" when missing => "Enter the event: what could happen.",
            "effect" when missing => "Enter the effect: what it would lead to.",
            "probability" => "Choose the probability, from 1 (very low) to 5 (very high).",
            "impact" => "Choose the impact, from 1 (very low) to 5 (very high).",
            "proximity" => "Choose when the risk could happen.",
            "response" => "Choose how the risk will be responded to.",
            "status" => "Choose whether the risk is open or closed.",
            "lastReviewed" => FormDates.Words("The date last reviewed", apiMessage),
            _ => apiMessage,
        };
    }
}
