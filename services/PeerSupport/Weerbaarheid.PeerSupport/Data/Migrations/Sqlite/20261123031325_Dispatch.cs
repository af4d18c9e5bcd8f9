using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Weerbaarheid.PeerSupport.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Dispatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "case_reads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reader = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Via = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_reads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dispatches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Region = table.Column<int>(type: "INTEGER", nullable: false),
                    IncidentReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Requester = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    InvolvedMembers = table.Column<string>(type: "TEXT", nullable: false),
                    ColleagueId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Colleague = table.Column<string>(type: "TEXT", nullable: false),
                    Urgency = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Offers = table.Column<string>(type: "TEXT", nullable: false),
                    Choices = table.Column<string>(type: "TEXT", nullable: false),
                    CoordinatorId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CurrentDeadline = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AnonymisedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dispatches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "offer_feed",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DispatchId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfferNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    CoordinatorAlert = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_offer_feed", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "sequence_counters",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sequence_counters", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "support_cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DispatchId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Region = table.Column<int>(type: "INTEGER", nullable: false),
                    SupporterId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ColleagueId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Colleague = table.Column<string>(type: "TEXT", nullable: false),
                    Urgency = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FirstContactDue = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FollowUpsDue = table.Column<string>(type: "TEXT", nullable: false),
                    Contacts = table.Column<string>(type: "TEXT", nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    Referral = table.Column<int>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FirstContactEscalatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FollowUpsAnnounced = table.Column<int>(type: "INTEGER", nullable: false),
                    AnonymisedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NextDeadline = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_support_cases", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "sequence_counters",
                columns: new[] { "Name", "Value" },
                values: new object[] { "offer-feed", 0L });

            migrationBuilder.CreateIndex(
                name: "IX_case_reads_CaseId_ReadAt",
                table: "case_reads",
                columns: new[] { "CaseId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_dispatches_CurrentDeadline",
                table: "dispatches",
                column: "CurrentDeadline");

            migrationBuilder.CreateIndex(
                name: "IX_dispatches_Region_CreatedAt",
                table: "dispatches",
                columns: new[] { "Region", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_dispatches_Source_IncidentReference_ColleagueId",
                table: "dispatches",
                columns: new[] { "Source", "IncidentReference", "ColleagueId" },
                unique: true,
                filter: "\"AnonymisedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_offer_feed_MemberId_Sequence",
                table: "offer_feed",
                columns: new[] { "MemberId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_support_cases_ClosedAt_FirstContactDue",
                table: "support_cases",
                columns: new[] { "ClosedAt", "FirstContactDue" });

            migrationBuilder.CreateIndex(
                name: "IX_support_cases_DispatchId",
                table: "support_cases",
                column: "DispatchId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_support_cases_Region_OpenedAt",
                table: "support_cases",
                columns: new[] { "Region", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_support_cases_SupporterId_ClosedAt",
                table: "support_cases",
                columns: new[] { "SupporterId", "ClosedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_reads");

            migrationBuilder.DropTable(
                name: "dispatches");

            migrationBuilder.DropTable(
                name: "offer_feed");

            migrationBuilder.DropTable(
                name: "sequence_counters");

            migrationBuilder.DropTable(
                name: "support_cases");
        }
    }
}
