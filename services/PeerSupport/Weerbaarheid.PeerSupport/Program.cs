using Weerbaarheid.PeerSupport;
using Weerbaarheid.ServiceDefaults;
using Weerbaarheid.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("peer-support");
builder.AddPeerSupportService();

var app = builder.Build();
app.MapServiceDefaults();
app.MapPeerSupportService();
app.RunService();
