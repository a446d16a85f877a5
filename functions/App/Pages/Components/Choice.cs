namespace Delivery.Functions.App.Pages.Components;

/// <summary>One option of a set of radios or a select: the value sent and the words shown, with an optional hint.</summary>
public sealed record Choice(string Value, string Text, string? Hint = null);
