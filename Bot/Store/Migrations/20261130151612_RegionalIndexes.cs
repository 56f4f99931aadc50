using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Store.Migrations
{
    /// <inheritdoc />
    public partial class RegionalIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Outbox_DoneAt",
                table: "Outbox",
                column: "DoneAt");

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_SessionDate",
                table: "Contributions",
                column: "SessionDate");

            migrationBuilder.CreateIndex(
                name: "IX_BadgeRequests_IssueEmail",
                table: "BadgeRequests",
                column: "IssueEmail",
                filter: "\"IssueEmail\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outbox_DoneAt",
                table: "Outbox");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_SessionDate",
                table: "Contributions");

            migrationBuilder.DropIndex(
                name: "IX_BadgeRequests_IssueEmail",
                table: "BadgeRequests");
        }
    }
}
