namespace AccountAccess.Functions.Tests.Infrastructure;

/// <summary>One running app shared by the test classes of the <see cref="AppCollection"/>.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public RunningApp App { get; private set; } = null!;

    public Api Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await RunningApp.StartAsync();
        Api = new Api(App.CreateClient());
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
