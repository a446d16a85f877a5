namespace Delivery.Functions.App.Pages;

/// <summary>A page with only a heading and a message: not found, not allowed, link expired, signed out.</summary>
public sealed record PageMessage(string Heading, string Message);
