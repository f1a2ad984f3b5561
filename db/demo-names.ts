// The made-up names the demo survivors are assembled from (db/demo-survivors.ts), in their own module
// so the browser tests can check that an export leaks none of them without importing the seed's commands.

export const DEMO_FIRST_NAMES = ["Amara", "Brianna", "Celeste", "Dominique", "Esperanza", "Faith", "Giselle", "Harmony", "Imani", "Jade", "Kiana", "Luz", "Marisol", "Nadia", "Oksana", "Precious", "Queenie", "Rosalind", "Sierra", "Tamika", "Unique", "Valentina", "Whitney", "Ximena", "Yolanda", "Zaria", "Alexis", "Bethany", "Carmen", "Destiny", "Ebony", "Felicia", "Gloria", "Hope", "Iris", "Jasmine", "Kayla", "Lena", "Monique", "Nia"];
export const DEMO_LAST_NAMES = ["Alvarez", "Brooks", "Castillo", "Dawson", "Ellison", "Flores", "Grant", "Hernandez", "Ivanova", "Jefferson", "Kim", "Lopez", "Mendoza", "Nguyen", "Owens", "Perez", "Quinn", "Ramirez", "Sanders", "Tran"];
export const DEMO_PREFERRED_NAMES = ["Star", "Bree", "Cece", "Dom", "Essie", "Fay", "Gigi", "Honey", "Mani", "J", "Kiki", "Lulu", "Mari", "Nadi", "Ksenia", "Pree", "Queen", "Roz", "Sisi", "Tam"];
