using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Store.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class SelfAssessments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TrimesterSelfAssessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Trimester = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    KnowHow = table.Column<int>(type: "integer", nullable: false),
                    SoftSkills = table.Column<int>(type: "integer", nullable: false),
                    Digital = table.Column<int>(type: "integer", nullable: false),
                    Civic = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrimesterSelfAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrimesterSelfAssessments_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TrimesterSelfAssessments_PersonId_Trimester",
                table: "TrimesterSelfAssessments",
                columns: new[] { "PersonId", "Trimester" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TrimesterSelfAssessments");
        }
    }
}
