using Weerbaarheid.Gateway;
using Weerbaarheid.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gateway");
builder.AddGateway();

var app = builder.Build();
app.UseGatewayCors();
app.MapServiceDefaults();
app.MapGateway();
app.Run();
