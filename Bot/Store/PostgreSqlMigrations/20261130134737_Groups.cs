using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Store.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class Groups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "GroupId",
                table: "TrimesterSelfAssessments",
                type: "uuid",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Period",
                table: "SentReminders",
                type: "character varying(60)",
                maxLength: 60,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40);

            migrationBuilder.AddColumn<Guid>(
                name: "GroupId",
                table: "People",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Groups",
                table: "CounsellorInvite",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "GroupId",
                table: "Contributions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "GroupId",
                table: "BadgeRequests",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Groups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    JoinCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Zone = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: true),
                    SessionDay = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    SessionEndsAt = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    Contact = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ArchivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Groups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GroupCounsellors",
                columns: table => new
                {
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GroupCounsellors", x => new { x.GroupId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_GroupCounsellors_Groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "Groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GroupCounsellors_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GroupRuns",
                columns: table => new
                {
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Period = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RanAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GroupRuns", x => new { x.GroupId, x.Kind, x.Period });
                    table.ForeignKey(
                        name: "FK_GroupRuns_Groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "Groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TrimesterSelfAssessments_GroupId_Trimester",
                table: "TrimesterSelfAssessments",
                columns: new[] { "GroupId", "Trimester" });

            migrationBuilder.CreateIndex(
                name: "IX_People_GroupId",
                table: "People",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_GroupId_SessionDate",
                table: "Contributions",
                columns: new[] { "GroupId", "SessionDate" });

            migrationBuilder.CreateIndex(
                name: "IX_BadgeRequests_GroupId_Status",
                table: "BadgeRequests",
                columns: new[] { "GroupId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_GroupCounsellors_PersonId",
                table: "GroupCounsellors",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Groups_JoinCode",
                table: "Groups",
                column: "JoinCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Groups_Slug",
                table: "Groups",
                column: "Slug",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_BadgeRequests_Groups_GroupId",
                table: "BadgeRequests",
                column: "GroupId",
                principalTable: "Groups",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Contributions_Groups_GroupId",
                table: "Contributions",
                column: "GroupId",
                principalTable: "Groups",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_People_Groups_GroupId",
                table: "People",
                column: "GroupId",
                principalTable: "Groups",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_TrimesterSelfAssessments_Groups_GroupId",
                table: "TrimesterSelfAssessments",
                column: "GroupId",
                principalTable: "Groups",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // Everything stored before groups existed becomes the first group's (Bot.Dialogs.Groups.GroupDirectory.FirstGroupId),
            // with the counsellors known then; its name and join code are given at the first start (GroupDirectory.PrepareAsync).
            migrationBuilder.InsertData(
                table: "Groups",
                columns: ["Id", "Slug", "Name", "JoinCode", "SessionDay", "SessionEndsAt", "CreatedAt"],
                values: new object[] { new Guid("7d1f6a52-3c1e-4a4e-9a55-5f0f2b9c1e01"), "peer-to-peer", "Peer to Peer", "", "Friday", new TimeOnly(17, 0),
                    new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero) });
            migrationBuilder.Sql("""UPDATE "People" SET "GroupId" = '7d1f6a52-3c1e-4a4e-9a55-5f0f2b9c1e01' WHERE "IsCounsellor" = false;""");
            migrationBuilder.Sql("""UPDATE "Contributions" SET "GroupId" = '7d1f6a52-3c1e-4a4e-9a55-5f0f2b9c1e01';""");
            migrationBuilder.Sql("""UPDATE "BadgeRequests" SET "GroupId" = '7d1f6a52-3c1e-4a4e-9a55-5f0f2b9c1e01';""");
            migrationBuilder.Sql("""UPDATE "TrimesterSelfAssessments" SET "GroupId" = '7d1f6a52-3c1e-4a4e-9a55-5f0f2b9c1e01';""");
            migrationBuilder.Sql("""
                INSERT INTO "GroupCounsellors" ("GroupId", "PersonId", "AddedAt")
                SELECT '7d1f6a52-3c1e-4a4e-9a55-5f0f2b9c1e01', "Id", now() FROM "People" WHERE "IsCounsellor" = true;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_BadgeRequests_Groups_GroupId",
                table: "BadgeRequests");

            migrationBuilder.DropForeignKey(
                name: "FK_Contributions_Groups_GroupId",
                table: "Contributions");

            migrationBuilder.DropForeignKey(
                name: "FK_People_Groups_GroupId",
                table: "People");

            migrationBuilder.DropForeignKey(
                name: "FK_TrimesterSelfAssessments_Groups_GroupId",
                table: "TrimesterSelfAssessments");

            migrationBuilder.DropTable(
                name: "GroupCounsellors");

            migrationBuilder.DropTable(
                name: "GroupRuns");

            migrationBuilder.DropTable(
                name: "Groups");

            migrationBuilder.DropIndex(
                name: "IX_TrimesterSelfAssessments_GroupId_Trimester",
                table: "TrimesterSelfAssessments");

            migrationBuilder.DropIndex(
                name: "IX_People_GroupId",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_GroupId_SessionDate",
                table: "Contributions");

            migrationBuilder.DropIndex(
                name: "IX_BadgeRequests_GroupId_Status",
                table: "BadgeRequests");

            migrationBuilder.DropColumn(
                name: "GroupId",
                table: "TrimesterSelfAssessments");

            migrationBuilder.DropColumn(
                name: "GroupId",
                table: "People");

            migrationBuilder.DropColumn(
                name: "Groups",
                table: "CounsellorInvite");

            migrationBuilder.DropColumn(
                name: "GroupId",
                table: "Contributions");

            migrationBuilder.DropColumn(
                name: "GroupId",
                table: "BadgeRequests");

            migrationBuilder.AlterColumn<string>(
                name: "Period",
                table: "SentReminders",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(60)",
                oldMaxLength: 60);
        }
    }
}
