using Weerbaarheid.SelfTest;
using Weerbaarheid.ServiceDefaults;
using Weerbaarheid.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("self-test");
builder.AddSelfTestService();

var app = builder.Build();
app.MapServiceDefaults();
app.MapSelfTestService();
app.RunService();
