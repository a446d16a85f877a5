namespace Delivery.Functions.App.Settings;

/// <summary>Thrown at start-up when settings are missing or malformed; the message names every bad setting.</summary>
public sealed class SettingsException(string message) : Exception(message);
