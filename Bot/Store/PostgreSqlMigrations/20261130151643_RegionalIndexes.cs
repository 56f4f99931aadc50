using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Store.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class RegionalIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_TrimesterSelfAssessments_UpdatedAt",
                table: "TrimesterSelfAssessments",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_SentReminders_SentAt",
                table: "SentReminders",
                column: "SentAt");

            migrationBuilder.CreateIndex(
                name: "IX_People_CreatedAt",
                table: "People",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_DoneAt",
                table: "Outbox",
                column: "DoneAt");

            migrationBuilder.CreateIndex(
                name: "IX_GroupRuns_RanAt",
                table: "GroupRuns",
                column: "RanAt");

            migrationBuilder.CreateIndex(
                name: "IX_DirectLineConversations_CreatedAt",
                table: "DirectLineConversations",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_DirectLineActivities_CreatedAt",
                table: "DirectLineActivities",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_SessionDate",
                table: "Contributions",
                column: "SessionDate");

            migrationBuilder.CreateIndex(
                name: "IX_BadgeRequests_CreatedAt",
                table: "BadgeRequests",
                column: "CreatedAt");

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
                name: "IX_TrimesterSelfAssessments_UpdatedAt",
                table: "TrimesterSelfAssessments");

            migrationBuilder.DropIndex(
                name: "IX_SentReminders_SentAt",
                table: "SentReminders");

            migrationBuilder.DropIndex(
                name: "IX_People_CreatedAt",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_DoneAt",
                table: "Outbox");

            migrationBuilder.DropIndex(
                name: "IX_GroupRuns_RanAt",
                table: "GroupRuns");

            migrationBuilder.DropIndex(
                name: "IX_DirectLineConversations_CreatedAt",
                table: "DirectLineConversations");

            migrationBuilder.DropIndex(
                name: "IX_DirectLineActivities_CreatedAt",
                table: "DirectLineActivities");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_SessionDate",
                table: "Contributions");

            migrationBuilder.DropIndex(
                name: "IX_BadgeRequests_CreatedAt",
                table: "BadgeRequests");

            migrationBuilder.DropIndex(
                name: "IX_BadgeRequests_IssueEmail",
                table: "BadgeRequests");
        }
    }
}
