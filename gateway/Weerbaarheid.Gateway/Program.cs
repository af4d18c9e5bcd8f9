using Weerbaarheid.Gateway;
using Weerbaarheid.Gateway.WebUi;
using Weerbaarheid.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gateway");
builder.AddGateway();

var app = builder.Build();
app.UseGatewayCors();
// Static files before authentication: the page itself is public, the API behind it is not.
app.UseWebUi();
app.MapServiceDefaults();
app.MapSignIn();
app.MapGateway();
app.Run();
