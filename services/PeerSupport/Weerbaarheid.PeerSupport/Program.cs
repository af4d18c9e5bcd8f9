using Weerbaarheid.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("peer-support");

var app = builder.Build();
app.MapServiceDefaults();
app.Run();
