using Bot.Dialogs.Issuing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Issuing;

public static class IssuingExtensions
{
    /// <summary>Open Badge Factory when its credentials are configured; otherwise pupils claim through the public links.</summary>
    public static void AddIssuing(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OpenBadgeFactoryOptions>().BindConfiguration(OpenBadgeFactoryOptions.Section)
            .Validate(o => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps || !o.Enabled,
                "OpenBadgeFactory:BaseUrl must be an https address.")
            .ValidateOnStart();
        var options = builder.Configuration.GetSection(OpenBadgeFactoryOptions.Section).Get<OpenBadgeFactoryOptions>() ?? new();
        if (options.Enabled) builder.Services.AddOpenBadgeFactoryIssuer();
    }

    /// <summary>The Open Badge Factory client, in place of "no issuer" (options are configured apart).</summary>
    public static IServiceCollection AddOpenBadgeFactoryIssuer(this IServiceCollection services)
    {
        services.AddSingleton<ObfTokenCache>();
        services.AddHttpClient<OpenBadgeFactoryIssuer>((sp, client) =>
        {
            var baseUrl = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<OpenBadgeFactoryOptions>>().Value.BaseUrl;
            client.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            client.Timeout = TimeSpan.FromSeconds(10);
        });
        services.RemoveAll<IBadgeIssuer>();
        services.AddScoped<IBadgeIssuer>(sp => sp.GetRequiredService<OpenBadgeFactoryIssuer>());
        return services;
    }
}
